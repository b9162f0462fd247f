export { QuickSightDashboardCard } from './QuickSightDashboardCard';
