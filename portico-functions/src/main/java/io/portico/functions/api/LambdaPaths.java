package io.portico.functions.api;

import io.portico.core.service.AwsResponse;
import io.portico.core.service.Caller;
import io.portico.core.service.PorticoPaths;
import io.portico.functions.engine.Functions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's {@code /_portico/lambda/} paths: the code download that GetFunction's {@code Code.Location}
 * points to, which carries its own signature as an S3 presigned URL does, and a function's recent logs,
 * which the endpoint protects with SigV4 when credentials are configured and which only the function's
 * own account may read. Thread safe.
 */
final class LambdaPaths implements PorticoPaths {
    private final Functions functions;

    LambdaPaths(Functions functions) {
        this.functions = functions;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/_portico/lambda/");
    }

    @Override
    public Optional<AwsResponse> get(String path, Map<String, List<String>> query, Caller caller) {
        return CodeDownload.get(functions, functions.code(), path, query, caller);
    }

    @Override
    public boolean authenticates(String path) {
        return path.startsWith(CodeDownload.PATH);
    }
}
