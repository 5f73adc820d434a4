package io.portico.tables.engine.expression;

import io.portico.tables.engine.value.TestValues;
import java.util.Map;

/** The placeholders the expression tests use: every test may use any of them. */
final class Fixtures {
    private Fixtures() {}

    static final String VALUES = "{':s':{'S':'x'},':t':{'S':'y'},':n':{'N':'1'},':n5':{'N':'5'},':b':{'B':'AQI='},"
            + "':l':{'L':[{'S':'z'}]},':ss':{'SS':['a','b']},':ns':{'NS':['1','2']},':bool':{'BOOL':true},"
            + "':null':{'NULL':true},':m':{'M':{'k':{'S':'v'}}},':typeS':{'S':'S'},':typeN':{'S':'N'},"
            + "':pre':{'S':'ab'}}";

    static ExpressionAttributes attributes() {
        return ExpressionAttributes.builder()
                .names(Map.of("#n", "name", "#a", "a", "#k", "k"))
                .valueDocuments(TestValues.json(VALUES))
                .build();
    }
}
