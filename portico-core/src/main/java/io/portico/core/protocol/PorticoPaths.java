package io.portico.core.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's own plain-HTTP paths under {@code /_portico/} on the AWS endpoint: things AWS serves
 * elsewhere (a function's code download, which AWS serves from S3) or only in its console (a
 * function's logs). Unsigned GETs; a service protects what needs it with unguessable tokens.
 */
public interface PorticoPaths {

    /** Answers a GET of {@code path} (it starts with {@code /_portico/}), or empty if the path is not this service's. */
    Optional<AwsResponse> get(String path, Map<String, List<String>> query);
}
