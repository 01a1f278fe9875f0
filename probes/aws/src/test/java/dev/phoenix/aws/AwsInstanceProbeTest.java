package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

/** How an EC2 description becomes facts and a member; no emulator needed. */
class AwsInstanceProbeTest {

    private static Instance instance(String id, String subnet, boolean inGroup) {
        List<Tag> tags = new java.util.ArrayList<>(List.of(tag("Name", "web"), tag("phoenix:chaos", "opt-in"),
                tag("aws:ec2launchtemplate:id", "lt-0abc"), tag("aws:ec2launchtemplate:version", "3"), tag("CostCenter", "42")));
        if (inGroup) {
            tags.add(tag("aws:autoscaling:groupName", "web-asg"));
        }
        return Instance.builder().instanceId(id).imageId("ami-0123").instanceType("t3.micro").subnetId(subnet).vpcId("vpc-1")
                .privateIpAddress("10.0.1.5").launchTime(Instant.parse("2026-01-01T00:00:00Z"))
                .securityGroups(g -> g.groupId("sg-b"), g -> g.groupId("sg-a"))
                .metadataOptions(m -> m.httpTokens("required").httpEndpoint("enabled").httpPutResponseHopLimit(2))
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeId("vol-1")))
                .tags(tags).build();
    }

    private static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    private static Map<String, String> state(List<Fact> facts) {
        return facts.stream().filter(f -> !f.identity()).collect(Collectors.toMap(Fact::key, Fact::value));
    }

    private final AwsInstanceProbe probe = new AwsInstanceProbe(new AwsInstanceProbe.Options(true, true,
            FactFilter.of(List.of("Cost*")), 20), null, null);

    @Test
    void stateFacts_leaveOutIdentityAndPhoenixTags() {
        Volume root = Volume.builder().volumeId("vol-1").size(8).volumeType("gp3").encrypted(true).build();
        List<Fact> facts = probe.facts(instance("i-1", "subnet-1", false), Map.of("vol-1", root), "abc");
        assertThat(state(facts)).containsEntry("aws.imageId", "ami-0123").containsEntry("aws.securityGroups", "sg-a,sg-b")
                .containsEntry("aws.metadata.httpTokens", "required").containsEntry("aws.userData.sha256", "abc")
                .containsEntry("aws.volume.xvda.size", "8").containsEntry("aws.volume.xvda.type", "gp3")
                .containsEntry("aws.volume.xvda.encrypted", "true").containsEntry("aws.launchTemplate.version", "3")
                .containsEntry("aws.subnetId", "subnet-1").containsEntry("aws.tag.Name", "web")
                .containsEntry("aws.iamInstanceProfile", "none").containsEntry("aws.keyName", "none")
                .doesNotContainKeys("aws.tag.phoenix:chaos", "aws.tag.CostCenter", "aws.instanceId", "aws.privateIp", "aws.launchTime");
        assertThat(facts).filteredOn(Fact::identity).extracting(Fact::key)
                .contains("aws.instanceId", "aws.privateIp", "aws.launchTime", "aws.volume.xvda.id");
    }

    @Test
    void twoMembersOfOneGroupInDifferentSubnets_haveTheSameState() {
        Volume root = Volume.builder().volumeId("vol-1").size(8).volumeType("gp3").encrypted(true).build();
        Map<String, String> a = state(probe.facts(instance("i-1", "subnet-1", true), Map.of("vol-1", root), null));
        Map<String, String> b = state(probe.facts(instance("i-2", "subnet-2", true), Map.of("vol-1", root), null));
        assertThat(a).isEqualTo(b).doesNotContainKey("aws.subnetId").containsEntry("aws.userData.sha256", "none");
    }

    @Test
    void member_carriesAddressesTagsAndProvenance_andGroupMembersAreImmutable() {
        Member m = Instances.member(instance("i-1", "subnet-1", true), "web", Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(), null);
        assertThat(m.provenance()).isEqualTo("ami-0123 lt-0abc:3");
        assertThat(m.attribute("privateIp")).isEqualTo("10.0.1.5");
        assertThat(m.attribute("tag:phoenix:chaos")).isEqualTo("opt-in");
        assertThat(m.chaosOptIn()).as("the opt-in tag is resolved once, by the fleet").isTrue();
        assertThat(m.mutability()).isEqualTo(Mutability.IMMUTABLE);
        Member standalone = Instances.member(instance("i-2", "subnet-1", false), "db", Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(), null);
        assertThat(standalone.mutability()).isEqualTo(Mutability.MUTABLE);
        Member overridden = Instances.member(instance("i-3", "subnet-1", true).toBuilder()
                .tags(tag("aws:autoscaling:groupName", "web-asg"), tag("phoenix:mutability", "mutable")).build(), "web", Optional.empty(),
                dev.phoenix.model.ChaosOptIn.defaults(), null);
        assertThat(overridden.mutability()).isEqualTo(Mutability.MUTABLE);
        assertThat(overridden.provenance()).isEqualTo("ami-0123");
    }

    @Test
    void urlTemplates_fillFromTheInstance_privateIpPublicDnsAndTags() {
        Instance i = instance("i-4", "subnet-1", false).toBuilder().publicDnsName("ec2-54-1-2-3.compute-1.amazonaws.com")
                .tags(tag("Name", "db-primary"), tag("phoenix:probe-port", "9100")).build();
        Member m = Instances.member(i, "db", Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(), null);
        assertThat(dev.phoenix.probe.UrlTemplate.parse("http://{publicDns}:8080/{tag:Name}/state").expand(m))
                .isEqualTo("http://ec2-54-1-2-3.compute-1.amazonaws.com:8080/db-primary/state");
        assertThat(dev.phoenix.probe.UrlTemplate.parse("http://{privateIp}:{tag:phoenix:probe-port}/").expand(m))
                .isEqualTo("http://10.0.1.5:9100/");
        Member noPublic = Instances.member(instance("i-5", "subnet-1", false), "db", Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.phoenix.probe.UrlTemplate.parse("http://{publicDns}/").expand(noPublic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("member i-5 has no attribute 'publicDns' for URL template http://{publicDns}/");
    }
}
