import { barChart, lineChart, roundedUp } from '../../src/dashboards/charts';

const text = { id: 'c', title: 'Title', description: 'What it shows' };

describe('chart geometry', () => {
  it('scales bars to the maximum, never past it, and shortens long labels', () => {
    const chart = barChart(text, [
      { label: 'Half', value: 50, text: '50%' },
      { label: 'Full', value: 100, text: '100%' },
      { label: 'A department with a very long name indeed', value: 0, text: '0%' },
      { label: 'Over', value: 150, text: '150%' },
    ], 100);
    const [half, full, empty, over] = chart.bars;
    expect(full.width).toBe(half.width * 2);
    expect(empty.width).toBe(0);
    expect(over.width).toBe(full.width);
    expect(empty.shownLabel).toBe('A department with a very…');
    expect(empty.label).toBe('A department with a very long name indeed');
    expect(chart.bars.map((bar) => bar.y)).toEqual([4, 32, 60, 88]);
  });

  it('rounds the line chart’s scale up to a readable maximum and places points left to right', () => {
    expect([0, 1, 7, 11.5, 26, 480, 1001].map(roundedUp)).toEqual([1, 1, 10, 20, 50, 500, 2000]);
    const chart = lineChart(text, [
      { label: '2027-W23', value: 8, text: '8 hours' },
      { label: '2027-W24', value: 0, text: '0 hours' },
    ], (label) => label.slice(5));
    const [first, second] = chart.points;
    expect(first.x).toBe(chart.plot.left);
    expect(second.x).toBe(chart.plot.right);
    expect(second.y).toBe(chart.plot.bottom);
    expect(first.y).toBeCloseTo(chart.plot.bottom - 0.8 * (chart.plot.bottom - chart.plot.top), 0);
    expect(first.tick).toBe('W23');
    expect(chart.path).toBe(`${first.x},${first.y} ${second.x},${second.y}`);
    expect(chart.yTicks.map((tick) => tick.text)).toEqual(['0', '5', '10']);
  });
});
