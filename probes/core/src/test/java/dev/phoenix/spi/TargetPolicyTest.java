package dev.phoenix.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetPolicyTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1,true", "127.3.4.5,true", "localhost,true", "LOCALHOST,true", "::1,true", "[::1],true",
            "10.0.0.5,false", "126.255.255.255,false", "128.0.0.1,false", "127.255.255.254,true", "169.254.169.254,false", "ec2.us-east-1.amazonaws.com,false", "localstack,false", "'',false"})
    void loopbackHosts_areRecognisedWithoutResolvingNames(String host, boolean loopback) {
        assertThat(TargetPolicy.isLoopback(host)).isEqualTo(loopback);
        assertThat(TargetPolicy.loopbackOnly().refusal(host).isEmpty()).isEqualTo(loopback);
    }

    @Test
    void loopbackOnly_saysWhyAnAddressIsRefused() {
        assertThat(TargetPolicy.loopbackOnly().refusal("10.0.1.17"))
                .hasValue("10.0.1.17 is not a loopback address (only 127.0.0.0/8 is contacted in loopback-only mode)");
        assertThat(TargetPolicy.loopbackOnly().refusal(" ")).hasValue("no address to contact");
        assertThat(TargetPolicy.any().refusal("10.0.1.17")).isEmpty();
    }
}
