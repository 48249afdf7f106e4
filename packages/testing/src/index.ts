export { DEFAULT_CLIENTS, type EmulatorClient, type EmulatorClients, type EmulatorClientsInput, type EmulatorConsumer } from './clients.js';
export {
  OAuth1Problem,
  OAuth1Provider,
  parseAuthorization,
  type OAuth1AccessGrant,
  type OAuth1Endpoint,
  type OAuth1ErrorFormat,
  type OAuth1ParsedRequest,
  type OAuth1ProviderConsumer,
  type OAuth1ProviderHandle,
  type OAuth1ProviderOptions,
  type OAuth1ProviderUser,
  type OAuth1ReceivedRequest,
} from './oauth1-provider.js';
export { ENDPOINT_NAMES, type EndpointName, type Scenario, type ScenarioOptions } from './scenario.js';
export {
  DEFAULT_GRAPH_API_VERSION,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type FacebookEndpoints,
  type GitHubEndpoints,
  type ReceivedRequest,
  type TwitterEndpoints,
  type XEndpoints,
} from './start-emulator.js';
export { DEFAULT_USERS, type EmulatorUser, type EmulatorUserInput } from './users.js';
