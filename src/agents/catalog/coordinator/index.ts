export { coordinatorTemplate } from './coordinator-template.js';
export { defaultCoordinator } from './default-coordinator.js';
