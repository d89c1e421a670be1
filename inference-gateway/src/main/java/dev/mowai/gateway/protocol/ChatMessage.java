package dev.mowai.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One message of an OpenAI-style conversation. Only text content is supported; extra fields (name, …) are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(String role, String content) {}
