/// The built-in price table, compiled into the binary as one JSON document.
///
/// It is source code, not a SwiftPM resource, so a binary copied without its resource bundle still
/// prices requests. `PriceTable.builtin` parses it once. The numbers are USD per token; each model
/// is keyed the way clients and configs name it (OpenAI and Anthropic bare, other providers with
/// their LiteLLM prefix, Bedrock ids without region prefix and version suffix); `geo` is the price of
/// a Bedrock geographic inference profile where it differs from the base price.
enum BuiltinPrices {
    static let json = #"""
        {
          "source": "LiteLLM model_prices_and_context_window.json (litellm 1.106.2 and 1.77.7 on PyPI), checked against provider pricing pages",
          "notes": [
            "litellm 1.77.7 supplies models 1.106.2 dropped: Claude 3.5/3.7/4/4.1 (Anthropic API), Gemini 1.5/2.0, Groq Llama",
            "Gemini 1.5 uses Google's prices for prompts up to 128k tokens; LiteLLM lists the higher tier",
            "Tiered prices above 128k/200k/272k prompt tokens and 1-hour cache writes are not modelled",
            "geo: price of a Bedrock geographic inference profile (us., eu., apac., jp., au.); global. and plain ids use the base price"
          ],
          "date": "2026-11-21",
          "unit": "USD per token",
          "models": {
            "gpt-4o": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 16384,
              "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-06
            },
            "gpt-4o-2024-05-13": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 4096,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 1.5e-05
            },
            "gpt-4o-mini": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 16384,
              "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07, "cache_read_input_token_cost": 7.5e-08
            },
            "gpt-4.1": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 1047576, "max_output_tokens": 32768,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 8e-06, "cache_read_input_token_cost": 5e-07
            },
            "gpt-4.1-mini": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 1047576, "max_output_tokens": 32768,
              "input_cost_per_token": 4e-07, "output_cost_per_token": 1.6e-06, "cache_read_input_token_cost": 1e-07
            },
            "gpt-4.1-nano": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 1047576, "max_output_tokens": 32768,
              "input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07, "cache_read_input_token_cost": 2.5e-08
            },
            "o1": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 100000,
              "input_cost_per_token": 1.5e-05, "output_cost_per_token": 6e-05, "cache_read_input_token_cost": 7.5e-06
            },
            "o1-pro": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 200000, "max_output_tokens": 100000,
              "input_cost_per_token": 0.00015, "output_cost_per_token": 0.0006
            },
            "o3": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 100000,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 8e-06, "cache_read_input_token_cost": 5e-07
            },
            "o3-mini": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 100000,
              "input_cost_per_token": 1.1e-06, "output_cost_per_token": 4.4e-06, "cache_read_input_token_cost": 5.5e-07
            },
            "o3-pro": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 200000, "max_output_tokens": 100000,
              "input_cost_per_token": 2e-05, "output_cost_per_token": 8e-05
            },
            "o4-mini": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 100000,
              "input_cost_per_token": 1.1e-06, "output_cost_per_token": 4.4e-06, "cache_read_input_token_cost": 2.75e-07
            },
            "gpt-5": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07
            },
            "gpt-5-mini": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 2.5e-07, "output_cost_per_token": 2e-06, "cache_read_input_token_cost": 2.5e-08
            },
            "gpt-5-nano": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-08, "output_cost_per_token": 4e-07, "cache_read_input_token_cost": 5e-09
            },
            "gpt-5-pro": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 400000, "max_output_tokens": 272000,
              "input_cost_per_token": 1.5e-05, "output_cost_per_token": 0.00012
            },
            "gpt-5-chat-latest": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 16384,
              "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07
            },
            "gpt-5-codex": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07
            },
            "gpt-5.1": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07
            },
            "gpt-5.1-codex": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 400000, "max_output_tokens": 128000,
              "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07
            },
            "gpt-5.1-codex-mini": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 400000, "max_output_tokens": 128000,
              "input_cost_per_token": 2.5e-07, "output_cost_per_token": 2e-06, "cache_read_input_token_cost": 2.5e-08
            },
            "gpt-5.2": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 1.75e-06, "output_cost_per_token": 1.4e-05, "cache_read_input_token_cost": 1.75e-07
            },
            "gpt-5.2-pro": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 2.1e-05, "output_cost_per_token": 0.000168
            },
            "gpt-5.3-codex": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 1.75e-06, "output_cost_per_token": 1.4e-05, "cache_read_input_token_cost": 1.75e-07
            },
            "gpt-5.4": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 1050000, "max_output_tokens": 128000,
              "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 2.5e-07
            },
            "gpt-5.4-mini": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 7.5e-07, "output_cost_per_token": 4.5e-06, "cache_read_input_token_cost": 7.5e-08
            },
            "gpt-5.4-nano": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000,
              "input_cost_per_token": 2e-07, "output_cost_per_token": 1.25e-06, "cache_read_input_token_cost": 2e-08
            },
            "gpt-5.4-pro": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 1050000, "max_output_tokens": 128000,
              "input_cost_per_token": 3e-05, "output_cost_per_token": 0.00018
            },
            "gpt-5.5": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 1050000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 3e-05, "cache_read_input_token_cost": 5e-07
            },
            "gpt-5.5-pro": {
              "provider": "openai", "mode": "responses", "max_input_tokens": 1050000, "max_output_tokens": 128000,
              "input_cost_per_token": 3e-05, "output_cost_per_token": 0.00018
            },
            "text-embedding-3-small": {
              "provider": "openai", "mode": "embedding", "max_input_tokens": 8191, "input_cost_per_token": 2e-08,
              "output_cost_per_token": 0.0
            },
            "text-embedding-3-large": {
              "provider": "openai", "mode": "embedding", "max_input_tokens": 8191, "input_cost_per_token": 1.3e-07,
              "output_cost_per_token": 0.0
            },
            "gpt-5.6": {
              "provider": "openai", "mode": "chat", "max_input_tokens": 922000, "max_output_tokens": 128000,
              "input_cost_per_token": 4e-06, "output_cost_per_token": 2e-05, "cache_read_input_token_cost": 4e-07,
              "cache_creation_input_token_cost": 5e-06,
              "aliases": ["gpt-5.6-sol"]
            },
            "text-embedding-ada-002": {
              "provider": "openai", "mode": "embedding", "max_input_tokens": 8191, "input_cost_per_token": 1e-07,
              "output_cost_per_token": 0.0,
              "aliases": ["text-embedding-ada-002-v2"]
            },
            "claude-3-5-sonnet": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 8192,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06
            },
            "claude-3-5-haiku": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 8192,
              "input_cost_per_token": 8e-07, "output_cost_per_token": 4e-06, "cache_read_input_token_cost": 8e-08,
              "cache_creation_input_token_cost": 1e-06
            },
            "claude-3-7-sonnet": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 128000,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06
            },
            "claude-sonnet-4": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06,
              "aliases": ["claude-sonnet-4-0", "claude-4-sonnet"]
            },
            "claude-opus-4": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 32000,
              "input_cost_per_token": 1.5e-05, "output_cost_per_token": 7.5e-05, "cache_read_input_token_cost": 1.5e-06,
              "cache_creation_input_token_cost": 1.875e-05,
              "aliases": ["claude-opus-4-0", "claude-4-opus"]
            },
            "claude-opus-4-1": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 32000,
              "input_cost_per_token": 1.5e-05, "output_cost_per_token": 7.5e-05, "cache_read_input_token_cost": 1.5e-06,
              "cache_creation_input_token_cost": 1.875e-05
            },
            "claude-sonnet-4-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06
            },
            "claude-haiku-4-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 1e-06, "output_cost_per_token": 5e-06, "cache_read_input_token_cost": 1e-07,
              "cache_creation_input_token_cost": 1.25e-06
            },
            "claude-opus-4-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06
            },
            "claude-opus-4-6": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06
            },
            "claude-sonnet-4-6": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06
            },
            "claude-opus-4-7": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06
            },
            "claude-opus-4-8": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06
            },
            "claude-sonnet-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 2e-07,
              "cache_creation_input_token_cost": 2.5e-06
            },
            "claude-opus-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06
            },
            "claude-sonnet-5-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1e-07,
              "cache_creation_input_token_cost": 2.5e-06
            },
            "claude-opus-5-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 4e-06, "output_cost_per_token": 2e-05, "cache_read_input_token_cost": 2e-07,
              "cache_creation_input_token_cost": 5e-06
            },
            "claude-haiku-5-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 1e-07, "output_cost_per_token": 5e-07, "cache_read_input_token_cost": 1e-08,
              "cache_creation_input_token_cost": 1.25e-07
            },
            "claude-fable-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 1e-05, "output_cost_per_token": 5e-05, "cache_read_input_token_cost": 1e-06,
              "cache_creation_input_token_cost": 1.25e-05
            },
            "claude-mythos-5": {
              "provider": "anthropic", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 1e-05, "output_cost_per_token": 5e-05, "cache_read_input_token_cost": 1e-06,
              "cache_creation_input_token_cost": 1.25e-05
            },
            "gemini/gemini-2.5-pro": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07
            },
            "gemini/gemini-2.5-flash": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06, "cache_read_input_token_cost": 3e-08
            },
            "gemini/gemini-2.5-flash-lite": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07, "cache_read_input_token_cost": 1e-08
            },
            "gemini/gemini-3-flash-preview": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 5e-07, "output_cost_per_token": 3e-06, "cache_read_input_token_cost": 5e-08
            },
            "gemini/gemini-3.1-pro-preview": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 1.2e-05, "cache_read_input_token_cost": 2e-07
            },
            "gemini/gemini-3.1-flash-lite": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 2.5e-07, "output_cost_per_token": 1.5e-06, "cache_read_input_token_cost": 2.5e-08
            },
            "gemini/gemini-3.5-flash": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 1.5e-06, "output_cost_per_token": 9e-06, "cache_read_input_token_cost": 1.5e-07
            },
            "gemini/gemini-3.8-flash": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 7.5e-07, "output_cost_per_token": 3.75e-06, "cache_read_input_token_cost": 7.5e-08
            },
            "gemini/gemini-pro-latest": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 1.2e-05, "cache_read_input_token_cost": 2e-07
            },
            "gemini/gemini-flash-latest": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 65536,
              "input_cost_per_token": 7.5e-07, "output_cost_per_token": 3.75e-06, "cache_read_input_token_cost": 7.5e-08
            },
            "gemini/gemini-embedding-001": {
              "provider": "gemini", "mode": "embedding", "max_input_tokens": 2048, "input_cost_per_token": 1.5e-07,
              "output_cost_per_token": 0.0
            },
            "gemini/gemini-embedding-2": {
              "provider": "gemini", "mode": "embedding", "max_input_tokens": 8192, "input_cost_per_token": 2e-07,
              "output_cost_per_token": 0.0
            },
            "gemini/gemini-2.0-flash": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 8192,
              "input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07, "cache_read_input_token_cost": 2.5e-08
            },
            "gemini/gemini-2.0-flash-lite": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 8192,
              "input_cost_per_token": 7.5e-08, "output_cost_per_token": 3e-07, "cache_read_input_token_cost": 1.875e-08
            },
            "gemini/gemini-1.5-pro": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 2097152, "max_output_tokens": 8192,
              "input_cost_per_token": 1.25e-06, "output_cost_per_token": 5e-06
            },
            "gemini/gemini-1.5-flash": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 8192,
              "input_cost_per_token": 7.5e-08, "output_cost_per_token": 3e-07
            },
            "gemini/gemini-1.5-flash-8b": {
              "provider": "gemini", "mode": "chat", "max_input_tokens": 1048576, "max_output_tokens": 8192,
              "input_cost_per_token": 3.75e-08, "output_cost_per_token": 1.5e-07
            },
            "mistral/mistral-large-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 262144, "max_output_tokens": 262144,
              "input_cost_per_token": 5e-07, "output_cost_per_token": 1.5e-06, "cache_read_input_token_cost": 5e-08
            },
            "mistral/mistral-medium-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 262144, "max_output_tokens": 262144,
              "input_cost_per_token": 1.5e-06, "output_cost_per_token": 7.5e-06, "cache_read_input_token_cost": 1.5e-07
            },
            "mistral/mistral-small-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 262144, "max_output_tokens": 262144,
              "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07, "cache_read_input_token_cost": 1.5e-08
            },
            "mistral/codestral-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 128000,
              "input_cost_per_token": 3e-07, "output_cost_per_token": 9e-07, "cache_read_input_token_cost": 3e-08
            },
            "mistral/devstral-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 256000, "max_output_tokens": 256000,
              "input_cost_per_token": 4e-07, "output_cost_per_token": 2e-06, "cache_read_input_token_cost": 4e-08
            },
            "mistral/magistral-medium-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 262144, "max_output_tokens": 262144,
              "input_cost_per_token": 1.5e-06, "output_cost_per_token": 7.5e-06, "cache_read_input_token_cost": 1.5e-07
            },
            "mistral/ministral-8b-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 262144, "max_output_tokens": 262144,
              "input_cost_per_token": 1.5e-07, "output_cost_per_token": 1.5e-07, "cache_read_input_token_cost": 1.5e-08
            },
            "mistral/pixtral-large-latest": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 128000,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 6e-06, "cache_read_input_token_cost": 2e-07
            },
            "mistral/open-mistral-nemo": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 128000,
              "input_cost_per_token": 3e-07, "output_cost_per_token": 3e-07, "cache_read_input_token_cost": 3e-08
            },
            "mistral/mistral-embed": {
              "provider": "mistral", "mode": "embedding", "max_input_tokens": 8192, "input_cost_per_token": 1e-07,
              "output_cost_per_token": 0.0,
              "aliases": ["mistral/mistral-embed-2312"]
            },
            "mistral/codestral-embed": {
              "provider": "mistral", "mode": "embedding", "max_input_tokens": 8192, "input_cost_per_token": 1.5e-07,
              "output_cost_per_token": 0.0, "cache_read_input_token_cost": 1.5e-08
            },
            "mistral/mistral-large-2411": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 128000,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 6e-06
            },
            "mistral/mistral-medium-2505": {
              "provider": "mistral", "mode": "chat", "max_input_tokens": 131072, "max_output_tokens": 8191,
              "input_cost_per_token": 4e-07, "output_cost_per_token": 2e-06
            },
            "groq/openai/gpt-oss-120b": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 131072, "max_output_tokens": 65536,
              "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07, "cache_read_input_token_cost": 7.5e-08
            },
            "groq/openai/gpt-oss-20b": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 131072, "max_output_tokens": 65536,
              "input_cost_per_token": 7.5e-08, "output_cost_per_token": 3e-07, "cache_read_input_token_cost": 3.75e-08
            },
            "groq/qwen/qwen3.8-27b": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 131072, "max_output_tokens": 16384,
              "input_cost_per_token": 8e-07, "output_cost_per_token": 4e-06
            },
            "groq/llama-3.3-70b-versatile": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 32768,
              "input_cost_per_token": 5.9e-07, "output_cost_per_token": 7.9e-07
            },
            "groq/llama-3.1-8b-instant": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 8192,
              "input_cost_per_token": 5e-08, "output_cost_per_token": 8e-08
            },
            "groq/meta-llama/llama-4-scout-17b-16e-instruct": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 131072, "max_output_tokens": 8192,
              "input_cost_per_token": 1.1e-07, "output_cost_per_token": 3.4e-07
            },
            "groq/meta-llama/llama-4-maverick-17b-128e-instruct": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 131072, "max_output_tokens": 8192,
              "input_cost_per_token": 2e-07, "output_cost_per_token": 6e-07
            },
            "groq/qwen/qwen3-32b": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 131000, "max_output_tokens": 131000,
              "input_cost_per_token": 2.9e-07, "output_cost_per_token": 5.9e-07
            },
            "groq/moonshotai/kimi-k2-instruct-0905": {
              "provider": "groq", "mode": "chat", "max_input_tokens": 262144, "max_output_tokens": 16384,
              "input_cost_per_token": 1e-06, "output_cost_per_token": 3e-06, "cache_read_input_token_cost": 5e-07
            },
            "anthropic.claude-3-5-sonnet": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 8192,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06
            },
            "anthropic.claude-3-5-haiku": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 8192,
              "input_cost_per_token": 8e-07, "output_cost_per_token": 4e-06, "cache_read_input_token_cost": 8e-08,
              "cache_creation_input_token_cost": 1e-06
            },
            "anthropic.claude-3-7-sonnet": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 8192,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06
            },
            "anthropic.claude-sonnet-4": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06
            },
            "anthropic.claude-opus-4": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 32000,
              "input_cost_per_token": 1.5e-05, "output_cost_per_token": 7.5e-05, "cache_read_input_token_cost": 1.5e-06,
              "cache_creation_input_token_cost": 1.875e-05
            },
            "anthropic.claude-opus-4-1": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 32000,
              "input_cost_per_token": 1.5e-05, "output_cost_per_token": 7.5e-05, "cache_read_input_token_cost": 1.5e-06,
              "cache_creation_input_token_cost": 1.875e-05
            },
            "anthropic.claude-sonnet-4-5": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06,
              "geo": {
                "input_cost_per_token": 3.3e-06, "output_cost_per_token": 1.65e-05,
                "cache_read_input_token_cost": 3.3e-07, "cache_creation_input_token_cost": 4.125e-06
              }
            },
            "anthropic.claude-haiku-4-5": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 1e-06, "output_cost_per_token": 5e-06, "cache_read_input_token_cost": 1e-07,
              "cache_creation_input_token_cost": 1.25e-06,
              "geo": {
                "input_cost_per_token": 1.1e-06, "output_cost_per_token": 5.5e-06,
                "cache_read_input_token_cost": 1.1e-07, "cache_creation_input_token_cost": 1.375e-06
              }
            },
            "anthropic.claude-opus-4-5": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06,
              "geo": {
                "input_cost_per_token": 5.5e-06, "output_cost_per_token": 2.75e-05,
                "cache_read_input_token_cost": 5.5e-07, "cache_creation_input_token_cost": 6.875e-06
              }
            },
            "anthropic.claude-opus-4-6": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06,
              "geo": {
                "input_cost_per_token": 5.5e-06, "output_cost_per_token": 2.75e-05,
                "cache_read_input_token_cost": 5.5e-07, "cache_creation_input_token_cost": 6.875e-06
              }
            },
            "anthropic.claude-sonnet-4-6": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 64000,
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06,
              "geo": {
                "input_cost_per_token": 3.3e-06, "output_cost_per_token": 1.65e-05,
                "cache_read_input_token_cost": 3.3e-07, "cache_creation_input_token_cost": 4.125e-06
              }
            },
            "anthropic.claude-opus-4-7": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06,
              "geo": {
                "input_cost_per_token": 5.5e-06, "output_cost_per_token": 2.75e-05,
                "cache_read_input_token_cost": 5.5e-07, "cache_creation_input_token_cost": 6.875e-06
              }
            },
            "anthropic.claude-opus-4-8": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06,
              "geo": {
                "input_cost_per_token": 5.5e-06, "output_cost_per_token": 2.75e-05,
                "cache_read_input_token_cost": 5.5e-07, "cache_creation_input_token_cost": 6.875e-06
              }
            },
            "anthropic.claude-sonnet-5": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 2e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 2e-07,
              "cache_creation_input_token_cost": 2.5e-06,
              "geo": {
                "input_cost_per_token": 2.2e-06, "output_cost_per_token": 1.1e-05,
                "cache_read_input_token_cost": 2.2e-07, "cache_creation_input_token_cost": 2.75e-06
              }
            },
            "anthropic.claude-opus-5": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 128000,
              "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07,
              "cache_creation_input_token_cost": 6.25e-06,
              "geo": {
                "input_cost_per_token": 5.5e-06, "output_cost_per_token": 2.75e-05,
                "cache_read_input_token_cost": 5.5e-07, "cache_creation_input_token_cost": 6.875e-06
              }
            },
            "amazon.nova-micro": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 10000,
              "input_cost_per_token": 3.5e-08, "output_cost_per_token": 1.4e-07, "cache_read_input_token_cost": 8.75e-09
            },
            "amazon.nova-lite": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 300000, "max_output_tokens": 10000,
              "input_cost_per_token": 6e-08, "output_cost_per_token": 2.4e-07, "cache_read_input_token_cost": 1.5e-08
            },
            "amazon.nova-pro": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 300000, "max_output_tokens": 10000,
              "input_cost_per_token": 8e-07, "output_cost_per_token": 3.2e-06, "cache_read_input_token_cost": 2e-07
            },
            "amazon.nova-premier": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 10000,
              "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.25e-05, "cache_read_input_token_cost": 6.25e-07
            },
            "amazon.nova-2-lite": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 64000,
              "input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06, "cache_read_input_token_cost": 7.5e-08,
              "geo": {
                "input_cost_per_token": 3.3e-07, "output_cost_per_token": 2.75e-06,
                "cache_read_input_token_cost": 8.25e-08
              }
            },
            "amazon.titan-embed-text-v2": {
              "provider": "bedrock", "mode": "embedding", "max_input_tokens": 8192, "input_cost_per_token": 2e-08,
              "output_cost_per_token": 0.0
            },
            "meta.llama3-1-8b-instruct": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 4096,
              "input_cost_per_token": 2.2e-07, "output_cost_per_token": 2.2e-07
            },
            "meta.llama3-1-70b-instruct": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 4096,
              "input_cost_per_token": 7.2e-07, "output_cost_per_token": 7.2e-07
            },
            "meta.llama3-1-405b-instruct": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 4096,
              "input_cost_per_token": 2.4e-06, "output_cost_per_token": 2.4e-06
            },
            "meta.llama3-3-70b-instruct": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 4096,
              "input_cost_per_token": 7.2e-07, "output_cost_per_token": 7.2e-07
            },
            "meta.llama4-scout-17b-instruct": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 10000000, "max_output_tokens": 8192,
              "input_cost_per_token": 1.7e-07, "output_cost_per_token": 6.6e-07
            },
            "meta.llama4-maverick-17b-instruct": {
              "provider": "bedrock", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 8192,
              "input_cost_per_token": 2.4e-07, "output_cost_per_token": 9.7e-07
            }
          }
        }
        """#
}
