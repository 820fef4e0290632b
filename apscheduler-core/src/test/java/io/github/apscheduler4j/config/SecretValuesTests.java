package io.github.apscheduler4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValuesTests {

    @ParameterizedTest
    @ValueSource(strings = {"password", "apscheduler.jobstores.default.password", "db.user-password", "client_secret",
            "api-key", "apiKey", "access_token", "aws.credentials.id", "jobstores.default.options[pwd]"})
    void masksTheValuesOfKeysThatLookSecret(String key) {
        assertThat(SecretValues.isSecretKey(key)).isTrue();
        assertThat(new InvalidConfigurationException(key, "hunter2", "expected a number").getMessage())
                .isEqualTo("Invalid value '******' for '" + key + "': expected a number")
                .doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"url", "max_workers", "apscheduler.timezone", "tablename", "keyword.count"})
    void showsTheValuesOfOtherKeys(String key) {
        assertThat(SecretValues.isSecretKey(key)).isFalse();
        assertThat(new InvalidConfigurationException(key, "x1", "bad").getMessage()).contains("'x1'");
    }

    @Test
    void masksSecretsInsideValuesAndTexts() {
        assertThat(SecretValues.maskInText("jdbc:postgresql://app:hunter2@db:5432/app?user=app&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://app:******@db:5432/app?user=app&password=******&ssl=true");
        assertThat(SecretValues.maskInText("java.lang.IllegalStateException: login failed, token: abc123 for user bob"))
                .isEqualTo("java.lang.IllegalStateException: login failed, token: ****** for user bob");
        assertThat(SecretValues.maskInText("{\"apiKey\": \"k-123\", \"name\": \"x\"}"))
                .isEqualTo("{\"apiKey\": \"******\", \"name\": \"x\"}");
        assertThat(SecretValues.maskInText("disk full")).isEqualTo("disk full");
        assertThat(new InvalidConfigurationException("url", "jdbc:mariadb://root:s3cret@db/test", "cannot connect")
                .getMessage()).isEqualTo("Invalid value 'jdbc:mariadb://root:******@db/test' for 'url': cannot connect");
    }
}
