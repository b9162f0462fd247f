export { EndpointKpisCard } from './EndpointKpisCard';
