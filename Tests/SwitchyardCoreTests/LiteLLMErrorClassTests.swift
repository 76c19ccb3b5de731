import SwitchyardCore
import Testing

/// LiteLLM's policy key names, made from one name per error class: exactly the keys of its `RetryPolicy`
/// and `AllowedFailsPolicy` (litellm/types/router.py), in their order.
struct LiteLLMErrorClassTests {
    @Test func makesLiteLLMsRetryPolicyKeys() {
        #expect(
            LiteLLMErrorClass.retryClasses.map(\.retriesKey) == [
                "BadRequestErrorRetries", "AuthenticationErrorRetries", "TimeoutErrorRetries", "RateLimitErrorRetries",
                "ContentPolicyViolationErrorRetries", "InternalServerErrorRetries",
            ])
    }

    @Test func makesLiteLLMsAllowedFailsPolicyKeys() {
        #expect(
            LiteLLMErrorClass.allowedFailsClasses.map(\.allowedFailsKey) == [
                "BadRequestErrorAllowedFails", "AuthenticationErrorAllowedFails", "TimeoutErrorAllowedFails", "RateLimitErrorAllowedFails",
                "ContentPolicyViolationErrorAllowedFails", "InternalServerErrorAllowedFails", "ServiceUnavailableErrorAllowedFails",
                "BadGatewayErrorAllowedFails", "NotFoundErrorAllowedFails",
            ])
    }
}
