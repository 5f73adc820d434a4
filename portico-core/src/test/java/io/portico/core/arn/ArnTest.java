package io.portico.core.arn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArnTest {

    @Test
    void parse_readsTheFiveParts_andKeepsTheResourcesOwnSeparators() {
        assertThat(Arn.parse("arn:aws:states:us-east-1:123456789012:stateMachine:m:3"))
                .contains(new Arn("aws", "states", "us-east-1", "123456789012", "stateMachine:m:3"));
        assertThat(Arn.parse("arn:aws:s3:::bucket/key")).contains(new Arn("aws", "s3", "", "", "bucket/key"));
        assertThat(Arn.parse("arn:aws-cn:iam::123456789012:role/r"))
                .contains(new Arn("aws-cn", "iam", "", "123456789012", "role/r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "arn", "arn:", "arn:aws", "arn:aws:states", "arn:aws:states:us-east-1",
        "arn:aws:states:us-east-1:123456789012", "arn:aws:states:us-east-1:123456789012:", "arn::states:r:a:res",
        "arn:aws::r:a:res", "ARN:aws:states:r:a:res", "name"})
    void parse_refusesWhatIsNotAnArn(String text) {
        assertThat(Arn.parse(text)).isEmpty();
    }

    @Test
    void toString_writesTheArnBack() {
        String text = "arn:aws:lambda:eu-west-1:111111111111:function:f:$LATEST";
        assertThat(Arn.parse(text).orElseThrow()).hasToString(text);
    }
}
