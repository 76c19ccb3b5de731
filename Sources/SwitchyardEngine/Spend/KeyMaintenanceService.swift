import Foundation
import Logging
import ServiceLifecycle
import SwitchyardKeys

/// The background work of the key store: writes queued spend every `interval` seconds, and resets
/// the budgets whose `budget_reset_at` has passed once a minute (LiteLLM's reset-budget job). On
/// shutdown it writes what is left.
package struct KeyMaintenanceService: Service {
    package let access: AccessControl
    package let spendInterval: Double
    package let logger: Logger

    /// The service of `access`, writing spend every `spendInterval` seconds.
    package init(access: AccessControl, spendInterval: Double, logger: Logger) {
        self.access = access
        self.spendInterval = spendInterval
        self.logger = logger
    }

    package func run() async throws {
        // Cancellation ends both loops; the spend writer flushes once more on its way out.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await access.spendWriter.run(interval: spendInterval) }
                group.addTask { await resetBudgetsEveryMinute() }
            }
        }
    }

    private func resetBudgetsEveryMinute() async {
        while !Task.isCancelled {
            await resetBudgets()
            try? await Task.sleep(for: .seconds(60))
        }
    }

    /// One pass of the reset job; a failure is logged and retried on the next pass.
    package func resetBudgets() async {
        do {
            let count = try await access.store.resetBudgets(now: Date()) { duration, now in
                DurationSpec(duration)?.nextReset(after: now)
            }
            if count > 0 { logger.info("budgets reset", metadata: ["count": "\(count)"]) }
        } catch {
            logger.warning("budget reset failed; retrying in a minute", metadata: ["error": "\(String(describing: error).prefix(200))"])
        }
    }
}
