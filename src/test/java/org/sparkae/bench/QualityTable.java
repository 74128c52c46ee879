package org.sparkae.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality benchmark as markdown (template quality.md.mustache), each target with its measured
 * value and the miss, if any.
 */
final class QualityTable {
  private QualityTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("data", r.get("data"));
    c.put("machine", r.get("machine"));
    c.put("seconds", String.format("%.0f", (Double) r.get("totalSeconds")));
    c.put("autoencoder", r.get("autoencoder"));
    Map<String, Object> features = (Map<String, Object>) r.get("features");
    if (features != null) {
      List<Map<String, Object>> classifiers = new ArrayList<>();
      for (String classifier : List.of("logistic", "randomforest")) {
        Map<String, Double> a = (Map<String, Double>) features.get(classifier);
        if (a != null) { // --skip randomforest leaves it out
          classifiers.add(Map.of("name", classifier, "codes", f4(a.get("autoencoder")), "pca", f4(a.get("pca32")),
              "raw", f4(a.get("raw"))));
        }
      }
      Map<String, Double> logistic = (Map<String, Double>) features.get("logistic");
      c.put("features", List.of(Map.of("epochs", features.get("autoencoderEpochs"), "classifiers", classifiers,
          "notes", List.of(target("linear classifier on our codes >= 0.86", logistic.get("autoencoder"), 0.86),
              target("... and >= PCA-32 + 0.02", logistic.get("autoencoder"), logistic.get("pca32") + 0.02),
              trainedWith("features autoencoder", features)))));
    }
    Map<String, Object> outliers = (Map<String, Object>) r.get("outliers");
    if (outliers != null) {
      List<Map<String, Object>> perClass = (List<Map<String, Object>>) outliers.get("perClass");
      List<String> notes = new ArrayList<>(List.of(target("one-class mean AUROC >= 0.935",
          (Double) outliers.get("meanAutoencoder"), 0.935)));
      perClass.forEach(k -> notes.add(trainedWith("class " + k.get("class") + " model", k)));
      c.put("outliers", List.of(Map.of("classes", perClass.stream().map(k -> Map.of("name", k.get("class"),
              "ours", f4(k.get("autoencoder")), "pca", f4(k.get("pca32")), "pcaScaled", f4(k.get("pca32ResidualStd"))))
              .toList(),
          "meanOurs", f4(outliers.get("meanAutoencoder")), "meanPca", f4(outliers.get("meanPca32")),
          "meanPcaScaled", f4(outliers.get("meanPca32ResidualStd")), "notes", notes)));
    }
    Map<String, Object> denoising = (Map<String, Object>) r.get("denoising");
    if (denoising != null) {
      List<Map<String, Object>> noises = new ArrayList<>();
      List<String> pictures = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      List<String> training = new ArrayList<>();
      for (String noise : List.of("gaussian", "masking")) {
        Map<String, Object> d = (Map<String, Object>) denoising.get(noise);
        if (d != null) {
          noises.add(Map.of("name", noise, "noisy", f2(d.get("noisy")), "median3", f2(d.get("median3")),
              "median5", f2(d.get("median5")), "blur", f2(d.get("gaussianBlur1")), "dae", f2(d.get("autoencoder"))));
          pictures.add((String) d.get("picture"));
          training.add(trainedWith(noise + " DAE", d));
        }
      }
      Map<String, Object> g = (Map<String, Object>) denoising.get("gaussian");
      if (g != null) {
        double bestFilter = Math.max((Double) g.get("median3"), Math.max((Double) g.get("median5"),
            (Double) g.get("gaussianBlur1")));
        notes.add(target("gaussian: DAE >= best classic filter + 6 dB", (Double) g.get("autoencoder"), bestFilter + 6));
      }
      notes.addAll(training);
      c.put("denoising", List.of(Map.of("noises", noises, "notes", notes, "pictures", String.join(", ", pictures))));
    }
    return MarkdownTemplate.render("quality", c);
  }

  private static String f4(Object value) {
    return String.format("%.4f", value);
  }

  private static String f2(Object value) {
    return String.format("%.2f", value);
  }

  /** Which optimiser settings trained which epochs (resumed runs may change the learning rate). */
  private static String trainedWith(String model, Map<String, Object> result) {
    return String.format("%s trained %s epochs: %s", model, result.getOrDefault("autoencoderEpochs",
        result.get("epochs")), result.get("trainedWith"));
  }

  private static String target(String what, double measured, double needed) {
    return measured >= needed
        ? String.format("%s: **met** (%.4f, needed %.4f)", what, measured, needed)
        : String.format("%s: **missed by %.4f** (%.4f, needed %.4f)", what, needed - measured, measured, needed);
  }
}
