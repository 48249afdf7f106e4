export { DEFAULT_CLIENTS, type EmulatorClient, type EmulatorClients, type EmulatorClientsInput, type EmulatorConsumer } from './clients.js';
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
