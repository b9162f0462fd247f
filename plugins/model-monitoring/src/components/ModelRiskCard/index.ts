export { ModelRiskCard } from './ModelRiskCard';
