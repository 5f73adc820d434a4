package io.portico.tables.engine;

import java.util.Optional;

/**
 * Encryption at rest with a KMS key ({@code SSESpecification.Enabled = true}): the customer's key, or
 * the account's AWS-managed {@code aws/dynamodb} key when none is named. A table without it is encrypted
 * with a key AWS owns, which DescribeTable does not mention. Portico records the setting and reports it;
 * its store is not encrypted by a KMS key (docs/tables.md, Differences).
 */
public record Encryption(Optional<String> kmsKey) {
}
