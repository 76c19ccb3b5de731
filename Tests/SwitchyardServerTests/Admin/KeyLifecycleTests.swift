import Foundation
import SwitchyardCore
import SwitchyardKeys
import Testing

struct KeyLifecycleTests {
    @Test func showsAKeyByItselfOrByItsHashWithoutTheToken() async throws {
        try await AdminFixture.run { admin in
            let (key, hash) = try await admin.generateKey(#"{"key_alias": "ci", "max_budget": 3}"#)
            for name in [key, hash] {
                let answer = try await admin.get("/key/info?key=\(name)")
                #expect(answer.status == 200)
                #expect(answer["key"]?.stringValue == hash)
                let info = try #require(answer["info"]?.objectValue)
                #expect(info["token"] == nil)
                #expect(info["key_alias"] == "ci")
                #expect(info["max_budget"] == 3)
                #expect(info["key_name"]?.stringValue == "sk-...\(key.suffix(4))")
            }
            let unknown = try await admin.get("/key/info?key=sk-unknown")
            #expect(unknown.status == 404)
            #expect(unknown.error("message") == "Key not found in database")
        }
    }

    @Test func listsHashesOrFullObjectsPageByPage() async throws {
        try await AdminFixture.run { admin in
            var hashes: Set<String> = []
            for index in 0..<3 { hashes.insert(try await admin.generateKey(#"{"key_alias": "k\#(index)"}"#).hash) }
            let first = try await admin.get("/key/list?page=1&size=2")
            #expect(first["total_count"] == 3)
            #expect(first["current_page"] == 1)
            #expect(first["total_pages"] == 2)
            let firstKeys = try #require(first["keys"]?.arrayValue)
            #expect(firstKeys.count == 2)
            let second = try await admin.get("/key/list?page=2&size=2")
            let listed = Set((firstKeys + (second["keys"]?.arrayValue ?? [])).compactMap(\.stringValue))
            #expect(listed == hashes)
            let full = try await admin.get("/key/list?return_full_object=true&key_alias=k1")
            let objects = try #require(full["keys"]?.arrayValue)
            #expect(objects.count == 1)
            #expect(objects.first?.objectValue?["key_alias"] == "k1")
            #expect(hashes.contains(objects.first?.objectValue?["token"]?.stringValue ?? ""))
        }
    }

    @Test func updatesOnlyTheFieldsSentAndRestartsTheDuration() async throws {
        try await AdminFixture.run { admin in
            let (key, hash) = try await admin.generateKey(#"{"key_alias": "ci", "max_budget": 3, "models": ["gpt"]}"#)
            let answer = try await admin.post("/key/update", #"{"key": "\#(key)", "max_budget": 8, "duration": "1h", "metadata": {"v": 2}}"#)
            #expect(answer.status == 200)
            #expect(answer["key"]?.stringValue == hash)
            #expect(answer["max_budget"] == 8)
            #expect(answer["models"] == ["gpt"])
            #expect(answer["key_alias"] == "ci")
            #expect(answer["metadata"] == ["v": 2])
            let expires = try #require(answer["expires"]?.stringValue.flatMap(ISOTime.parse))
            #expect(abs(expires.timeIntervalSinceNow - 3_600) < 60)
            let stored = try #require(try await admin.store.key(hash: hash))
            #expect(stored.limits.maxBudget == 8)
            let cleared = try await admin.post("/key/update", #"{"key": "\#(hash)", "max_budget": null, "duration": null}"#)
            #expect(cleared["max_budget"] == .null)
            #expect(cleared["expires"] == .null)
            let unknown = try await admin.post("/key/update", #"{"key": "sk-nope", "max_budget": 1}"#)
            #expect(unknown.status == 404)
        }
    }

    @Test func blocksAndUnblocksAKeyAtOnce() async throws {
        try await AdminFixture.run { admin in
            let (key, hash) = try await admin.generateKey()
            #expect(try await admin.get("/key/info", key: key).status == 200)
            let blocked = try await admin.post("/key/block", #"{"key": "\#(key)"}"#)
            #expect(blocked.status == 200)
            #expect(blocked["blocked"] == true)
            #expect(blocked["token"]?.stringValue == hash)
            #expect(try await admin.get("/key/info", key: key).status == 401)
            let unblocked = try await admin.post("/key/unblock", #"{"key": "\#(hash)"}"#)
            #expect(unblocked["blocked"] == false)
            #expect(try await admin.get("/key/info", key: key).status == 200)
        }
    }

    @Test func regeneratesAKeySoThatTheOldOneStopsAtOnce() async throws {
        try await AdminFixture.run { admin in
            let (old, oldHash) = try await admin.generateKey(#"{"key_alias": "ci", "spend": 2}"#)
            #expect(try await admin.get("/key/info", key: old).status == 200)
            let answer = try await admin.post("/key/regenerate", #"{"key": "\#(old)", "max_budget": 9}"#)
            #expect(answer.status == 200)
            let new = try #require(answer["key"]?.stringValue)
            #expect(new != old)
            #expect(answer["token"]?.stringValue == VirtualKey.hash(new))
            #expect(answer["key_alias"] == "ci")
            #expect(answer["max_budget"] == 9)
            #expect(answer["spend"] == 2)
            #expect(try await admin.get("/key/info", key: old).status == 401)
            #expect(try await admin.get("/key/info", key: new).status == 200)
            #expect(try await admin.store.key(hash: oldHash) == nil)
            let chosen = try await admin.post("/key/\(VirtualKey.hash(new))/regenerate", #"{"new_key": "sk-chosen-by-me"}"#)
            #expect(chosen["key"] == "sk-chosen-by-me")
            #expect(try await admin.get("/key/info", key: "sk-chosen-by-me").status == 200)
            #expect(try await admin.post("/key/regenerate", #"{"key": "\#(old)"}"#).status == 404)
        }
    }

    @Test func deletesKeysByValueHashOrAlias() async throws {
        try await AdminFixture.run { admin in
            let first = try await admin.generateKey()
            let second = try await admin.generateKey()
            _ = try await admin.generateKey(#"{"key_alias": "third"}"#)
            let answer = try await admin.post("/key/delete", #"{"keys": ["\#(first.key)", "\#(second.hash)"], "key_aliases": ["third"]}"#)
            #expect(answer.status == 200)
            #expect(answer["deleted_keys"] == [.string(first.hash), .string(second.hash), "third"])
            #expect(try await admin.get("/key/list")["total_count"] == 0)
            #expect(try await admin.get("/key/info", key: first.key).status == 401)
        }
    }

    @Test func deletesNothingWhenOneKeyIsUnknown() async throws {
        try await AdminFixture.run { admin in
            let known = try await admin.generateKey()
            let answer = try await admin.post("/key/delete", #"{"keys": ["\#(known.hash)", "sk-unknown"]}"#)
            #expect(answer.status == 404)
            #expect(answer.error("message")?.stringValue?.contains("sk-unknown") == false)
            #expect(try await admin.get("/key/list")["total_count"] == 1)
            #expect(try await admin.post("/key/delete", "{}").status == 400)
        }
    }

    @Test func neverShowsThePlaintextKeyOutsideGenerate() async throws {
        try await AdminFixture.run { admin in
            let (key, hash) = try await admin.generateKey(#"{"key_alias": "ci"}"#)
            let answers = [
                try await admin.get("/key/info?key=\(key)"),
                try await admin.get("/key/list?return_full_object=true"),
                try await admin.post("/key/update", #"{"key": "\#(key)", "rpm_limit": 5}"#),
                try await admin.post("/key/block", #"{"key": "\#(key)"}"#),
                try await admin.get("/spend/keys"),
            ]
            for answer in answers {
                #expect(answer.status == 200)
                #expect(!answer.json.jsonString.contains(key))
                #expect(answer.json.jsonString.contains(hash))
            }
        }
    }
}
