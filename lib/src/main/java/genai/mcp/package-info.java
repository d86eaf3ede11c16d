/**
 * A small Model Context Protocol server over stdio ({@link genai.mcp.CatalogueMcpServer}, built on
 * the official MCP Java SDK) that exposes two of the shop's catalogue tools, and the helpers that
 * start it as a child process of the notebook's JVM and prove it is gone afterwards
 * ({@link genai.mcp.McpServers}).
 */
package genai.mcp;
