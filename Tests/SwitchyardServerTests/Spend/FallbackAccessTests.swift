import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardProviders
import SwitchyardRouting
import SwitchyardServer
import Testing

/// A key may never be served by a model group it may not use, whichever way the router would reach it:
/// a request's own `fallbacks`, `fallbacks`, `context_window_fallbacks`, `content_policy_fallbacks`,
/// `default_fallbacks`, a wildcard group or an alias. Such a group is skipped (nothing is sent to it)
/// and named in the final error; groups the key may use are still tried.
struct FallbackAccessTests {
    /// `prim` fails in the way `failure` says; every other group answers.
    static func transport(failure: @escaping @Sendable () -> UpstreamResponse) -> ScriptedTransport {
        ScriptedTransport { request in
            let model = request.body.flatMap { try? JSONValue(parsing: $0).objectValue }?["model"]?.stringValue
            return model == "prim-model" ? failure() : ScriptedTransport.json(200, ScriptedTransport.chatAnswer)
        }
    }

    static let serverError: @Sendable () -> UpstreamResponse = {
        ScriptedTransport.json(500, #"{"error":{"message":"boom","type":"server_error"}}"#)
    }
    static let contextWindow: @Sendable () -> UpstreamResponse = {
        ScriptedTransport.json(400, #"{"error":{"message":"too long","type":"invalid_request_error","code":"context_length_exceeded"}}"#)
    }
    static let contentPolicy: @Sendable () -> UpstreamResponse = {
        ScriptedTransport.json(400, #"{"error":{"message":"flagged","type":"invalid_request_error","code":"content_policy_violation"}}"#)
    }

    static let deployments = [
        TestGateway.deployment("p", group: "prim", model: "prim-model"),
        TestGateway.deployment("f", group: "fb", model: "fb-model"),
        TestGateway.deployment("w", group: "openai/*", model: "*"),
    ]

    /// The models the upstream was asked for, in order.
    static func called(_ transport: ScriptedTransport) -> [String] {
        transport.sentBodies.compactMap { $0["model"]?.stringValue }
    }

    func run(
        failure: @escaping @Sendable () -> UpstreamResponse = serverError,
        fallbacks: FallbackSettings = FallbackSettings(),
        aliases: [String: ModelAlias] = [:],
        _ body: @Sendable (MeteringFixture) async throws -> Void
    ) async throws {
        let transport = Self.transport(failure: failure)
        let configure: (inout Gateway.Configuration) -> Void = { configuration in
            configuration.router.fallbacks = fallbacks
            configuration.router.aliases = aliases
        }
        try await KeyStoreGateway.run(transport: transport, deployments: Self.deployments, configure: configure) { client, store, access in
            try await body(MeteringFixture(client: client, store: store, access: access, transport: transport))
        }
    }

    @Test func aRequestsOwnFallbacksCannotReachAGroupTheKeyMayNotUse() async throws {
        try await run { fixture in
            let key = try await fixture.key { $0.models = ["prim"] }
            let answer = try await fixture.chat(key.key, model: "prim", extra: #","fallbacks":["fb"]"#)
            #expect(answer.status == 500)
            #expect(Self.called(fixture.transport) == ["prim-model"])
            #expect(answer.body.contains("`fb`"), "the skipped group is named: \(answer.body)")
        }
    }

    @Test func configuredFallbacksOfEveryKindSkipGroupsTheKeyMayNotUse() async throws {
        let cases: [(@Sendable () -> UpstreamResponse, FallbackSettings)] = [
            (Self.serverError, FallbackSettings(general: ["prim": ["fb"]])),
            (Self.serverError, FallbackSettings(general: ["*": ["fb"]])),
            (Self.serverError, FallbackSettings(defaults: ["fb"])),
            (Self.contextWindow, FallbackSettings(contextWindow: ["prim": ["fb"]])),
            (Self.contentPolicy, FallbackSettings(contentPolicy: ["prim": ["fb"]])),
        ]
        for (failure, fallbacks) in cases {
            try await run(failure: failure, fallbacks: fallbacks) { fixture in
                let key = try await fixture.key { $0.models = ["prim"] }
                let answer = try await fixture.chat(key.key, model: "prim")
                #expect(answer.status >= 400)
                #expect(Self.called(fixture.transport) == ["prim-model"], "\(fallbacks)")
                #expect(answer.body.contains("`fb`"))
            }
        }
    }

    @Test func wildcardAndAliasFallbacksAreCheckedByTheNameTheyAreReachedBy() async throws {
        try await run(aliases: ["fb-alias": ModelAlias(target: "fb")]) { fixture in
            let key = try await fixture.key { $0.models = ["prim"] }
            let answer = try await fixture.chat(key.key, model: "prim", extra: #","fallbacks":["openai/gpt-4o","fb-alias"]"#)
            #expect(answer.status == 500)
            #expect(Self.called(fixture.transport) == ["prim-model"])
            #expect(answer.body.contains("`openai/gpt-4o`") && answer.body.contains("`fb-alias`"))
            // A key allowed the wildcard's prefix is served by it.
            let wide = try await fixture.key { $0.models = ["prim", "openai/*"] }
            let served = try await fixture.chat(wide.key, model: "prim", extra: #","fallbacks":["openai/gpt-4o"]"#)
            #expect(served.status == 200)
            #expect(Self.called(fixture.transport).last == "gpt-4o")
        }
    }

    @Test func aTeamsModelListBindsFallbacksToo() async throws {
        try await run(fallbacks: FallbackSettings(general: ["prim": ["fb"]])) { fixture in
            var team = TeamRecord(teamID: "t1", createdAt: Date())
            team.models = ["prim"]
            try await fixture.store.insertTeam(team)
            let key = try await fixture.key { $0.teamID = "t1" }
            let answer = try await fixture.chat(key.key, model: "prim")
            #expect(answer.status == 500)
            #expect(Self.called(fixture.transport) == ["prim-model"])
        }
    }

    @Test func allowedFallbacksStillServeAndSkippedOnesAreNotCounted() async throws {
        try await run(fallbacks: FallbackSettings(general: ["prim": ["openai/x", "fb"]])) { fixture in
            let key = try await fixture.key { $0.models = ["prim", "fb"] }
            let answer = try await fixture.chat(key.key, model: "prim")
            #expect(answer.status == 200)
            #expect(Self.called(fixture.transport) == ["prim-model", "fb-model"])
            #expect(answer.headers[named: "x-litellm-attempted-fallbacks"] == "1")
        }
    }
}
