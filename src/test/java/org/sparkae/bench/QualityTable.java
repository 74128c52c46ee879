package org.sparkae.bench;

import java.util.List;
import java.util.Map;

/** The quality benchmark as markdown, each target with its measured value and the miss, if any. */
final class QualityTable {
  private QualityTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    md.append(String.format("Data: %s. Machine: %s. Run time %.0f s.%n%n", r.get("data"), r.get("machine"),
        (Double) r.get("totalSeconds")));
    md.append("Autoencoder: ").append(r.get("autoencoder")).append(".\n\n");
    Map<String, Object> features = (Map<String, Object>) r.get("features");
    if (features != null) {
      md.append("**Features** (test accuracy; autoencoder trained ").append(features.get("autoencoderEpochs"))
          .append(" epochs)\n\n| classifier | our 32-dim codes | PCA-32 | raw pixels |\n|---|---:|---:|---:|\n");
      for (String classifier : List.of("logistic", "randomforest")) {
        Map<String, Double> a = (Map<String, Double>) features.get(classifier);
        if (a == null) {
          continue; // --skip randomforest
        }
        md.append(String.format("| %s | %.4f | %.4f | %.4f |%n", classifier, a.get("autoencoder"), a.get("pca32"),
            a.get("raw")));
      }
      Map<String, Double> logistic = (Map<String, Double>) features.get("logistic");
      md.append("\n").append(target("linear classifier on our codes >= 0.86", logistic.get("autoencoder"), 0.86))
          .append(target("... and >= PCA-32 + 0.02", logistic.get("autoencoder"), logistic.get("pca32") + 0.02))
          .append(trainedWith("features autoencoder", features)).append("\n");
    }
    Map<String, Object> outliers = (Map<String, Object>) r.get("outliers");
    if (outliers != null) {
      md.append("**Outliers** (one-class protocol, AUROC of the reconstruction error; the last column scores PCA's "
          + "residual as errorScaling residualStd does)\n\n| class | ours | PCA-32 | PCA-32, residualStd |\n"
          + "|---:|---:|---:|---:|\n");
      for (Map<String, Object> c : (List<Map<String, Object>>) outliers.get("perClass")) {
        md.append(String.format("| %s | %.4f | %.4f | %.4f |%n", c.get("class"), c.get("autoencoder"), c.get("pca32"),
            c.get("pca32ResidualStd")));
      }
      md.append(String.format("| mean | %.4f | %.4f | %.4f |%n%n", outliers.get("meanAutoencoder"),
              outliers.get("meanPca32"), outliers.get("meanPca32ResidualStd")))
          .append(target("one-class mean AUROC >= 0.935", (Double) outliers.get("meanAutoencoder"), 0.935));
      for (Map<String, Object> c : (List<Map<String, Object>>) outliers.get("perClass")) {
        md.append(trainedWith("class " + c.get("class") + " model", c));
      }
      md.append("\n");
    }
    Map<String, Object> denoising = (Map<String, Object>) r.get("denoising");
    if (denoising != null) {
      md.append("**Denoising** (mean PSNR in dB against the clean test images)\n\n"
          + "| noise | noisy input | median 3x3 | median 5x5 | gaussian blur σ=1 | our DAE |\n|---|---:|---:|---:|---:|---:|\n");
      List<String> pictures = new java.util.ArrayList<>();
      StringBuilder training = new StringBuilder();
      for (String noise : List.of("gaussian", "masking")) {
        Map<String, Object> d = (Map<String, Object>) denoising.get(noise);
        if (d == null) {
          continue;
        }
        md.append(String.format("| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", noise, d.get("noisy"), d.get("median3"),
            d.get("median5"), d.get("gaussianBlur1"), d.get("autoencoder")));
        pictures.add((String) d.get("picture"));
        training.append(trainedWith(noise + " DAE", d));
      }
      Map<String, Object> g = (Map<String, Object>) denoising.get("gaussian");
      if (g != null) {
        double bestFilter = Math.max((Double) g.get("median3"), Math.max((Double) g.get("median5"),
            (Double) g.get("gaussianBlur1")));
        md.append("\n").append(target("gaussian: DAE >= best classic filter + 6 dB", (Double) g.get("autoencoder"),
            bestFilter + 6));
      }
      md.append(g == null ? "\n" : "").append(training);
      md.append("\nPictures: ").append(String.join(", ", pictures)).append("\n");
    }
    return md.toString();
  }

  /** Which optimiser settings trained which epochs (resumed runs may change the learning rate). */
  private static String trainedWith(String model, Map<String, Object> result) {
    return String.format("- %s trained %s epochs: %s%n", model, result.getOrDefault("autoencoderEpochs",
        result.get("epochs")), result.get("trainedWith"));
  }

  private static String target(String what, double measured, double needed) {
    return measured >= needed
        ? String.format("- %s: **met** (%.4f, needed %.4f)%n", what, measured, needed)
        : String.format("- %s: **missed by %.4f** (%.4f, needed %.4f)%n", what, needed - measured, measured, needed);
  }
}
