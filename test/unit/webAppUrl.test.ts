import { webAppUrlProblem } from '../../src/domain/webAppUrl';

describe('the web app URL the admin pastes', () => {
  test.each([
    'https://script.google.com/macros/s/AKfycbx123-_abc/exec',
    'https://script.google.com/a/macros/ecole.fr/s/AKfycbx123/exec',
    '  https://script.google.com/macros/s/AKfycbx123/exec  ',
    'http://localhost:8080/exec',
  ])('%s is a deployed web app', (url) => {
    expect(webAppUrlProblem(url)).toBeNull();
  });

  test.each([
    ['https://script.google.com/macros/s/AKfycbx123/dev', 'dev'],
    ['https://script.google.com/macros/s/AKfycbx123/dev/', 'dev'],
    ['https://script.google.com/macros/s/AKfycbx123/exec?token=abc', 'invalid'],
    ['http://script.google.com/macros/s/AKfycbx123/exec', 'invalid'],
    ['script.google.com/macros/s/x/exec', 'invalid'],
    ['https://docs.google.com/spreadsheets/d/abc/edit', 'invalid'],
    ['', 'invalid'],
  ])('%s is refused (%s)', (url, problem) => {
    expect(webAppUrlProblem(url)).toBe(problem);
  });
});
