package io.portico.functions.engine;

import java.util.List;

/**
 * A function's VPC configuration as CreateFunction and UpdateFunctionConfiguration set it. Portico records
 * and reports it, as Lambda does; functions still run on the host's network (Portico has no VPCs).
 * Given with no subnets and no security groups, it detaches the function from its VPC, and Lambda then
 * reports it with empty lists. Immutable.
 */
public record VpcConfig(List<String> subnetIds, List<String> securityGroupIds, boolean ipv6AllowedForDualStack) {
    public VpcConfig {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
