package dev.mowai.gateway.protocol;

/**
 * Size limits on one chat request.
 *
 * @param maxMessages     messages per request
 * @param maxMessageChars characters in one message's content
 * @param maxPromptChars  characters across all messages
 * @param maxTokens       the largest max_tokens a caller may ask for
 */
public record PromptLimits(int maxMessages, int maxMessageChars, int maxPromptChars, int maxTokens) {}
