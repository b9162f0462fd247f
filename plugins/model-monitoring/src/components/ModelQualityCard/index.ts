export { ModelQualityCard } from './ModelQualityCard';
