import { resolveMonitoringWindow } from './monitoringWindow';

describe('resolveMonitoringWindow', () => {
  it("applies SageMaker's offsets to the scheduled time and reads labels until then", () => {
    const resolved = resolveMonitoringWindow({
      scheduledTime: new Date('2020-01-09T13:00:00Z'),
      startOffset: '-P8D',
      endOffset: '-P1D',
    });
    // The AWS documentation's example: 2020-01-01T13:00 to 2020-01-08T13:00.
    expect(resolved.window).toEqual({
      start: new Date('2020-01-01T13:00:00Z'),
      end: new Date('2020-01-08T13:00:00Z'),
    });
    expect(resolved.groundTruth.end).toEqual(new Date('2020-01-09T13:00:00Z'));
    // Ids are looked up one label delay (1 day) before the window and after it until 13:00.
    expect(resolved.lookupHours[0]).toEqual(new Date('2019-12-31T13:00:00Z'));
    expect(resolved.lookupHours).toHaveLength(48);
  });

  it('rejects an empty window', () => {
    expect(() =>
      resolveMonitoringWindow({ start: new Date('2026-01-02T00:00:00Z'), end: new Date('2026-01-01T00:00:00Z') }),
    ).toThrow('The window is empty: start 2026-01-02T00:00:00.000Z is not before end 2026-01-01T00:00:00.000Z');
  });
});
