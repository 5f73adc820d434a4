package io.portico.tables.engine;

/** How a table is billed: for provisioned capacity, or per request (on demand). */
public enum BillingMode {
    PROVISIONED, PAY_PER_REQUEST
}
