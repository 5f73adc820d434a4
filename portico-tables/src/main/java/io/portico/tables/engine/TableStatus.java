package io.portico.tables.engine;

/**
 * The state of a table, as DynamoDB reports it. Portico's tables are {@link #ACTIVE} from the moment they
 * are stored; the other states appear only in the answers of the operations that, on AWS, start them
 * (CreateTable answers CREATING, UpdateTable UPDATING, DeleteTable DELETING), see {@code Tables}.
 */
public enum TableStatus {
    CREATING, UPDATING, DELETING, ACTIVE
}
