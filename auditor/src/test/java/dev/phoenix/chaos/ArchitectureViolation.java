package dev.phoenix.chaos;

import software.amazon.awssdk.services.ec2.Ec2AsyncClient;

/**
 * A test fixture that breaks a layer rule on purpose: chaos code calling the AWS SDK directly.
 * {@code ArchitectureTest.aRuleCatchesAViolation} shows the rule fails on it; it is never used.
 */
public final class ArchitectureViolation {

    private ArchitectureViolation() {
    }

    static String terminateBehindTheFleetsBack(Ec2AsyncClient ec2) {
        return ec2.serviceName();
    }
}
