package genai.mcp;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CatalogueMcpServerTest {

    @Test
    void langChain4jClientListsAndCallsTheToolsAndTheProcessEnds() throws Exception {
        McpClient client = new DefaultMcpClient.Builder()
                .transport(new StdioMcpTransport.Builder().command(McpServers.catalogueCommand()).build())
                .initializationTimeout(Duration.ofSeconds(60)).toolExecutionTimeout(Duration.ofSeconds(30)).build();
        try {
            List<String> names = client.listTools().stream().map(ToolSpecification::name).sorted().toList();
            assertEquals(List.of("get_stock", "search_products"), names);
            assertEquals(1, McpServers.running().size());
            String out = client.executeTool(ToolExecutionRequest.builder().name("get_stock").arguments("{\"product_id\":\"P03\"}").build()).resultText();
            assertTrue(out.contains("\"units\":7"), out);
        } finally {
            client.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!McpServers.running().isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
        assertEquals(0, McpServers.stopAll());
        assertTrue(McpServers.running().isEmpty());
    }
}
