package io.portico.functions.engine;

import java.util.List;
import java.util.Optional;

/**
 * An UpdateFunctionCode request: the new zip, whether to publish a version of it, the revision the caller
 * expects, new architectures if given, and {@code dryRun}, which checks the request (the zip, the revision,
 * that no update is in progress) and changes nothing. Immutable.
 */
public record CodeUpdate(byte[] zip, boolean publish, Optional<String> revisionId,
        Optional<List<String>> architectures, boolean dryRun) {
}
