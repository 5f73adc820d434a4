package io.portico.states.asl.jsonpath;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.portico.core.json.Json;
import io.portico.states.asl.EvaluationBudget;
import java.util.Collection;

/**
 * Jayway's Jackson tree provider with one evaluation's budget in it. Jayway reads every node through
 * its provider (a property, an array item, the keys of an object, each value a deep scan visits), so a
 * check here runs inside Jayway's loops: a filter or a deep scan over a large input stops within one
 * node of its deadline, and the results it collects are charged as they are added. Each check is O(1).
 *
 * <p>Not thread safe: one per read.
 */
final class BudgetedJsonProvider extends JacksonJsonNodeJsonProvider {

    private static final JacksonMappingProvider MAPPING = new JacksonMappingProvider(Json.mapper());

    private final EvaluationBudget budget;

    private BudgetedJsonProvider(EvaluationBudget budget) {
        super(Json.mapper());
        this.budget = budget;
    }

    /** A Jayway configuration whose reads run within {@code budget}. */
    static Configuration configuration(EvaluationBudget budget) {
        return Configuration.builder()
                .jsonProvider(new BudgetedJsonProvider(budget))
                .mappingProvider(MAPPING)
                .build();
    }

    @Override
    public Object getArrayIndex(Object array, int index) {
        budget.checkTime();
        return super.getArrayIndex(array, index);
    }

    @Override
    public Object getMapValue(Object object, String key) {
        budget.checkTime();
        return super.getMapValue(object, key);
    }

    @Override
    public Collection<String> getPropertyKeys(Object object) {
        budget.checkTime();
        return super.getPropertyKeys(object);
    }

    @Override
    public Iterable<?> toIterable(Object object) {
        budget.checkTime();
        return super.toIterable(object);
    }

    @Override
    public void setArrayIndex(Object array, int index, Object value) {
        budget.charge(1);
        budget.checkTime();
        super.setArrayIndex(array, index, value);
    }
}
