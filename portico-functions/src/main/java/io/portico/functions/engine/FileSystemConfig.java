package io.portico.functions.engine;

/**
 * An Amazon EFS access point a function mounts at {@code localMountPath} ({@code /mnt/...}), as
 * CreateFunction and UpdateFunctionConfiguration set it. Portico records and reports it; nothing is
 * mounted (Portico has no EFS). Immutable.
 */
public record FileSystemConfig(String arn, String localMountPath) {
}
