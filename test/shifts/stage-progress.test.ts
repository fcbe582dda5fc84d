import { stageKindOf, stageProgress } from '../../src/shifts/stage-progress';

describe('a programme stage’s kind', () => {
  it('comes from its name, or else from its place', () => {
    expect(['Shadowing a colleague', 'Paired calls', 'Solo'].map((name, index) => stageKindOf(name, index, 3))).toEqual(['shadowing', 'paired', 'solo']);
    expect(['Listen in', 'Together', 'On your own'].map((name, index) => stageKindOf(name, index, 3))).toEqual(['shadowing', 'paired', 'solo']);
    expect(stageKindOf('Desk work', 0, 1)).toBe('solo');
  });
});

describe('stage progress', () => {
  const plan = [
    { name: 'Shadowing', amount: 2, unit: 'shifts' as const },
    { name: 'Solo', amount: 2, unit: 'weeks' as const },
  ];

  it('counts shifts at a stage, and weeks only once they are over', () => {
    const logged = [
      { stage: 'shadowing' as const, week: '2027-W12' },
      { stage: 'shadowing' as const, week: '2027-W12' },
      { stage: 'solo' as const, week: '2027-W12' },
      { stage: 'solo' as const, week: '2027-W13' },
    ];
    expect(stageProgress(plan, logged, '2027-W13')).toMatchObject({ reached: 'solo', offered: ['shadowing', 'solo'], steps: [{ done: 2, complete: true }, { done: 1, complete: false }] });
    expect(stageProgress(plan, logged, '2027-W14').steps[1]).toMatchObject({ done: 2, complete: true });
  });

  it('stays at the first stage until it is done', () => {
    expect(stageProgress(plan, [{ stage: 'shadowing', week: '2027-W12' }], '2027-W20')).toMatchObject({ reached: 'shadowing', offered: ['shadowing'] });
  });

  it('offers every stage when the programme names none', () => {
    expect(stageProgress([], [], '2027-W12')).toMatchObject({ reached: 'solo', offered: ['shadowing', 'paired', 'solo'] });
  });
});
