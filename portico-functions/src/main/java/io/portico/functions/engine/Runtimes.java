package io.portico.functions.engine;

import java.util.List;

/** The Lambda runtime identifiers a function may declare, and which of them Portico runs. */
public final class Runtimes {
    /** Every identifier Lambda's API accepts today (the enum CreateFunction validates against). */
    public static final List<String> LAMBDA = List.of("nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x",
            "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "java8", "java8.al2",
            "java11", "java17", "java21", "java25", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
            "python3.10", "python3.11", "python3.12", "python3.13", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
            "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "ruby3.2",
            "ruby3.3", "ruby3.4", "provided", "provided.al2", "provided.al2023");

    private Runtimes() {
    }
}
