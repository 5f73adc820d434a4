package io.portico.tables.engine;

/** The state of a secondary index, as DescribeTable reports it. */
public enum IndexStatus {
    CREATING, UPDATING, DELETING, ACTIVE
}
