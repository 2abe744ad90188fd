export { coordinatorTemplate } from './coordinator-template.js';
export { coordinatorInstruction, defaultCoordinator } from './default-coordinator.js';
