package io.portico.core.testing.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.model.ServiceModel;
import io.portico.core.model.ServiceModelsAccess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Judging members: read or listed, never both, never neither; and the docs table of the list. */
class MemberCoverageTest {
    private final ServiceModel model = ServiceModelsAccess.build("""
            {"metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T", "endpointPrefix": "t"},
             "operations": {"Get": {"name": "Get", "input": {"shape": "GetInput"}},
                            "Put": {"name": "Put", "input": {"shape": "PutInput"}}},
             "shapes": {
               "GetInput": {"type": "structure", "members": {"id": {"shape": "S"},
                   "mode": {"shape": "S", "portico:notHonoured": "Portico has one mode | the default"}}},
               "PutInput": {"type": "structure", "members": {"id": {"shape": "S"}}},
               "S": {"type": "string"}}}
            """);
    private final MemberCoverage coverage = MemberCoverage.of(model);

    @Test
    void check_readMembersAndListedUnreadMembers_findNothing() {
        assertThat(coverage.check("Get", Set.of("id"))).isEmpty();
    }

    @Test
    void check_unreadUnlistedMember_isFound() {
        assertThat(coverage.check("Put", Set.of())).extracting(MemberCoverage.Finding::member).containsExactly("id");
    }

    @Test
    void check_listedMemberThatIsRead_isFound() {
        assertThat(coverage.check("Get", Set.of("id", "mode"))).singleElement().asString()
                .contains("Get.mode: listed as not honoured");
    }

    @Test
    void markdown_listsTheServedOperationsMembersWithTheirReasons() {
        String table = NotHonouredTable.markdown(coverage, List.of("Put", "Get"));

        assertThat(table).isEqualTo(NotHonouredTable.BEGIN + "\n"
                + "| operation | member | why it is not honoured |\n|---|---|---|\n"
                + "| Get | `mode` | Portico has one mode \\| the default |\n" + NotHonouredTable.END);
        assertThat(NotHonouredTable.in("# Page\n\n" + table + "\n\nmore")).contains(table);
        assertThat(coverage.listed(List.of("Get"))).isEqualTo(Map.of("Get", Map.of("mode", "Portico has one mode | the default")));
    }
}
