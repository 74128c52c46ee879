package org.sparkae.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Params;

/**
 * Stage params set from name=value text the way the jobs' --set sets them (the value read as HOCON, then converted
 * to the param's type), for the benchmarks' own --ae options. Bad names and values are ConfigErrors.
 */
public final class StageOverrides {
  private StageOverrides() {}

  public static void apply(Params stage, List<String> overrides) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String override : overrides) {
      String[] nameValue = JobConfig.keyAndValue("--ae", override);
      values.put(nameValue[0], JobConfig.overrideValue(nameValue[1]));
    }
    StageParams.apply(stage, values, "");
  }
}
