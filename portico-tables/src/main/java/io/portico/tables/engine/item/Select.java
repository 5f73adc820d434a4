package io.portico.tables.engine.item;

/** DynamoDB's {@code Select}: which attributes a Query or Scan answers, or only the count. */
public enum Select {
    ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT
}
