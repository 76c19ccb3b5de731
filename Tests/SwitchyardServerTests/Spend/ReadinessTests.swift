import Foundation
import HTTPTypes
import Testing

/// `/health/readiness` reports the key database, as LiteLLM's does.
struct ReadinessTests {
    @Test func reportsAConnectedDatabaseThenNotReadyWhenItIsGone() async throws {
        try await MeteringFixture.run { fixture in
            let ready = try await fixture.client.execute(uri: "/health/readiness", method: .get) { ($0.status.code, String(buffer: $0.body)) }
            #expect(ready.0 == 200)
            #expect(ready.1.contains(#""db":"connected""#))

            await fixture.store.shutdown()
            let gone = try await fixture.client.execute(uri: "/health/readiness", method: .get) { ($0.status.code, String(buffer: $0.body)) }
            #expect(gone.0 == 503)
            #expect(gone.1.contains(#""db":"disconnected""#))
        }
    }
}
