/**
 * Sample Lambda handlers written as any user writes them, against aws-lambda-java-core (provided) and
 * aws-lambda-java-events: one per handler kind and runtime behaviour the Java runtime must reproduce.
 * They live outside {@code io.portico} on purpose: to Portico they are user code.
 */
package example;
