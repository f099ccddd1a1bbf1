import { LAB_ACCURACY, LAB_VALIDATION } from '../../core/labAccuracy';
import { dec } from './format';

/** The fidelity lab's points (loaded lazily, when the reader opens the table). */
export default function LabValidation() {
  return (
    <div className="table-scroll">
      <table className="lab-validation">
        <caption>
          Predicted vs measured p95 on {LAB_ACCURACY.machine}, {LAB_ACCURACY.software}, measured{' '}
          {LAB_ACCURACY.measuredAt} (npm run lab). Predictions include the lab’s own floor of +
          {dec(LAB_ACCURACY.floorP95Ms, 1)} ms.
        </caption>
        <thead>
          <tr>
            <th scope="col">Profile</th>
            <th scope="col">Gunicorn</th>
            <th scope="col">CPU load</th>
            <th scope="col">Measured p95 (min–max)</th>
            <th scope="col">Predicted</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {LAB_VALIDATION.map((p) => (
            <tr key={`${p.profile}-${p.config}-${p.loadPct}`}>
              <td>{p.profile}</td>
              <td>{p.config}</td>
              <td className="num">{p.loadPct}%</td>
              <td className="num">
                {p.measuredP95Ms} ms ({p.minP95Ms}–{p.maxP95Ms})
              </td>
              <td className="num">{p.predictedP95Ms} ms</td>
              <td className="num">
                {p.errorPct > 0 ? '+' : ''}
                {p.errorPct}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
