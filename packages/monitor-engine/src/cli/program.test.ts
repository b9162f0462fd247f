import { buildProgram } from './program';

describe('mlmon program', () => {
  it('is named mlmon', () => {
    expect(buildProgram().name()).toBe('mlmon');
  });
});
