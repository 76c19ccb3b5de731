import SwitchyardCore
import Testing

/// `Retry-After` often comes from an upstream header: only a finite, non-negative number of seconds is kept,
/// so `nan` or `inf` from a provider can never reach the millisecond arithmetic of cooldowns and retries.
@Suite struct GatewayErrorRetryAfterTests {
    @Test(arguments: [Double.nan, .infinity, -.infinity, -1])
    func anUnusableRetryAfterIsDropped(_ seconds: Double) {
        #expect(GatewayError(.rateLimited, "slow down", retryAfter: seconds).retryAfter == nil)
        var error = GatewayError(.rateLimited, "slow down")
        error.retryAfter = seconds
        #expect(error.retryAfter == nil)
    }

    @Test func aUsableRetryAfterIsKept() {
        #expect(GatewayError(.rateLimited, "slow down", retryAfter: 0).retryAfter == 0)
        var error = GatewayError(.rateLimited, "slow down")
        error.retryAfter = 2.5
        #expect(error.retryAfter == 2.5)
    }
}
