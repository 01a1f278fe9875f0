package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void numbers_keepEveryDigit_soATimestampWithMillisecondsRoundTrips() {
        assertThat(PrometheusText.number(1_795_880_000.123)).isEqualTo("1795880000.123");
        assertThat(PrometheusText.number(42)).isEqualTo("42");
        assertThat(PrometheusText.number(0.5)).isEqualTo("0.5");
        assertThat(PrometheusText.number(-2.25)).isEqualTo("-2.25");
        assertThat(PrometheusText.number(1e-9)).isEqualTo("1.0e-9");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
            assertThat(Double.parseDouble(PrometheusText.number(v))).isEqualTo(v);
        }
    }
}
