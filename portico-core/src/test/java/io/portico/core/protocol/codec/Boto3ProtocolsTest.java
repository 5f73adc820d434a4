package io.portico.core.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query and REST-XML codecs with boto3 (the machine's Python), which serialises both protocols
 * with its own code rather than the Java SDK's: the same SNS and Route 53 test services as
 * {@link QueryAndRestXmlSdkTest}, driven by a short boto3 script whose last line is what it saw.
 */
class Boto3ProtocolsTest {
    private static final String SCRIPT = """
            import sys, boto3, botocore
            kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1",
                      aws_access_key_id="AKID", aws_secret_access_key="secret")
            sns = boto3.client("sns", **kw)
            arn = sns.create_topic(Name="boto", Attributes={"DisplayName": "From boto"})["TopicArn"]
            shown = sns.get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"]
            mid = sns.publish(TopicArn=arn, Message="hi", MessageAttributes={
                "kind": {"DataType": "String", "StringValue": "order"}})["MessageId"]
            try:
                sns.get_topic_attributes(TopicArn=arn + "-none")
                missing = "no error"
            except botocore.exceptions.ClientError as e:
                missing = e.response["Error"]["Code"] + ":" + str(e.response["ResponseMetadata"]["HTTPStatusCode"])
            r53 = boto3.client("route53", **kw)
            zone = r53.create_hosted_zone(Name="example.com.", CallerReference="b1")
            listed = r53.list_hosted_zones(MaxItems="2")
            try:
                r53.get_hosted_zone(Id="Z9")
                nozone = "no error"
            except botocore.exceptions.ClientError as e:
                nozone = e.response["Error"]["Code"]
            print("|".join([arn, shown, mid, missing, zone["ChangeInfo"]["SubmittedAt"].isoformat(),
                            ",".join(z["Name"] for z in listed["HostedZones"]), nozone]))
            """;

    @BeforeAll
    static void start() throws Exception {
        QueryAndRestXmlSdkTest.start();
    }

    @AfterAll
    static void stop() throws Exception {
        QueryAndRestXmlSdkTest.stop();
    }

    @Test
    void boto3_speaksQueryAndRestXmlWithTheKit() throws Exception {
        Prerequisites.fromEnvironment().require(boto3(), "python3 with boto3 (the machine's Python has it)");

        String[] seen = run(SCRIPT, QueryAndRestXmlSdkTest.endpoint().toString()).split("\\|");

        assertThat(seen[0]).isEqualTo("arn:aws:sns:us-east-1:000000000000:boto");
        assertThat(seen[1]).isEqualTo("From boto");
        assertThat(seen[2]).isEqualTo("m-1");
        assertThat(seen[3]).isEqualTo("NotFound:404");
        assertThat(seen[4]).isEqualTo("2026-01-02T03:04:05+00:00");
        assertThat(seen[5]).isEqualTo("example.com.,other.com.");
        assertThat(seen[6]).isEqualTo("NoSuchHostedZone");
    }

    private static boolean boto3() {
        try {
            return run("import boto3", "").isEmpty();
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private static String run(String script, String argument) throws IOException {
        Process python = new ProcessBuilder("python3", "-c", script, argument).redirectErrorStream(true).start();
        try {
            if (!python.waitFor(60, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new IllegalStateException("python3 did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (python.exitValue() != 0) {
            throw new IllegalStateException("python3 failed: " + out);
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }
}
