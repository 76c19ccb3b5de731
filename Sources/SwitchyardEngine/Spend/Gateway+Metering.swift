import Foundation
import Logging
import SwitchyardCore
import SwitchyardKeys

extension Gateway {
    /// Admits a request through access control (model access, budgets, rate limits) and opens its
    /// account. A key's alias for the model is applied to `request`. Without a key store the meter
    /// settles no counters; its record still reaches the observers.
    package func meter(_ request: inout ProxyRequest, caller: Caller, requestID: String, logger: Logger, callType: String) async throws(GatewayError)
        -> RequestMeter
    {
        guard let access = configuration.access else {
            return RequestMeter(
                access: nil, admission: nil, costs: costs, requestID: requestID, callType: callType, body: request.body,
                logger: logger, observers: observers)
        }
        let customer = request.body["user"]?.stringValue
        let admission = try await access.admit(caller, model: request.model, customerID: customer)
        if admission.model != request.model { request.model = admission.model }
        return RequestMeter(
            access: access,
            admission: admission,
            costs: costs,
            requestID: requestID,
            callType: callType,
            body: request.body,
            logger: logger,
            observers: observers
        )
    }
}
