import { isAllowedReportUri } from '../config/sagemakerConfig';
import { trafficPeriod } from '../service/routes/trafficRoute';
import { statusOfAwsError, toRouteError } from './awsErrors';
import { riskRatingOfContent } from './SageMakerApi';

describe('SageMaker source helpers', () => {
  it('maps AWS errors to card codes and route statuses', () => {
    const aws = (name: string, status = 400, message = 'x') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
    expect(statusOfAwsError(aws('ThrottlingException'))).toBe(429);
    expect(statusOfAwsError(aws('AccessDeniedException'))).toBe(403);
    expect(statusOfAwsError(aws('ResourceNotFound'))).toBe(404);
    expect(statusOfAwsError(aws('ValidationException', 400, 'Could not find model card churn'))).toBe(404);
    expect(statusOfAwsError(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))).toBe(504);
    expect((toRouteError(aws('ThrottlingException')) as { statusCode: number }).statusCode).toBe(503);
    expect((toRouteError(aws('InternalFailure', 500)) as { statusCode: number }).statusCode).toBe(502);
    const plain = new Error('not AWS');
    expect(toRouteError(plain)).toBe(plain);
  });

  it('reads reports only under the configured prefixes', () => {
    const settings = { reportPrefixes: ['s3://reports/monitoring'] };
    expect(isAllowedReportUri(settings, 's3://reports/monitoring/ep/s/2026/01/01/05')).toBe(true);
    expect(isAllowedReportUri(settings, 's3://reports/monitoring-other/x')).toBe(false);
    expect(isAllowedReportUri(settings, 's3://reports/monitoring/../secrets')).toBe(false);
    expect(isAllowedReportUri(settings, 'file:///etc')).toBe(false);
  });

  it('takes the risk rating from the model card content', () => {
    expect(riskRatingOfContent(JSON.stringify({ intended_uses: { risk_rating: 'Medium' } }), 'c')).toBe('Medium');
    expect(riskRatingOfContent(JSON.stringify({ intended_uses: { model_risk_rating: 'Low' } }), 'c')).toBe('Low');
    expect(riskRatingOfContent(JSON.stringify({ intended_uses: { risk_rating: 'Severe' } }), 'c')).toBe('Unknown');
    expect(riskRatingOfContent(undefined, 'c')).toBe('Unknown');
    expect(() => riskRatingOfContent('{oops', 'churn-card')).toThrow(/churn-card: Content is not valid JSON/);
  });

  it('chooses a traffic period that keeps at most 500 points', () => {
    const day = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') };
    expect(trafficPeriod(day, undefined)).toBe(180);
    expect(trafficPeriod(day, '300')).toBe(300);
    expect(() => trafficPeriod(day, '61')).toThrow(/multiple of 60/);
  });
});
