// Apps Script runs the script's Date in the project's time zone (appsscript.json: Europe/Paris).
module.exports = () => {
  process.env.TZ = 'Europe/Paris';
};
