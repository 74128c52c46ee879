package org.sparkae.ml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkae.data.VectorRows;

/** Schema checks and output columns shared by {@link Autoencoder} and {@link AutoencoderModel}. */
final class AutoencoderSchema {
  /** explanationCol: the columns behind a row's error, largest first. */
  static final org.apache.spark.sql.types.DataType EXPLANATION = DataTypes.createArrayType(new StructType()
      .add("feature", DataTypes.StringType, false).add("error", DataTypes.DoubleType, false)
      .add("share", DataTypes.DoubleType, false), false);

  private AutoencoderSchema() {}

  /**
   * Names of the columns a model's error is measured on, from the compared vector column's ML
   * attributes (VectorAssembler, OneHotEncoder), else f0, f1, ...
   */
  static String[] featureNames(StructField compared, int size) {
    String[] named = attributeNames(compared, size);
    String[] names = new String[size];
    for (int i = 0; i < size; i++) {
      names[i] = named != null && named[i] != null ? named[i] : "f" + i;
    }
    return names;
  }

  /** The vector column's ML attribute names (an entry null where unnamed), or null when it has none. */
  static String[] attributeNames(StructField column, int size) {
    scala.Option<org.apache.spark.ml.attribute.Attribute[]> attributes =
        column.dataType() instanceof VectorUDT ? AttributeGroup.fromStructField(column).attributes()
            : scala.Option.empty();
    if (attributes.isEmpty() || attributes.get().length != size) {
      return null;
    }
    String[] names = new String[size];
    for (int i = 0; i < size; i++) {
      names[i] = attributes.get()[i].name().isDefined() ? attributes.get()[i].name().get() : null;
    }
    return names;
  }

  /**
   * Validates input (and target) columns and output names, and returns the schema with the output
   * columns appended. Sizes are checked against column metadata when both are known (> 0).
   */
  static StructType validateAndTransform(AutoencoderParams p, StructType schema, int inputSize, int outputSize) {
    if (p.errorMeasure() != null && !p.getVariational()) {
      throw new IllegalArgumentException("variationalScore '" + p.getVariationalScore() + "' needs a variational "
          + "model (variational = true); a plain autoencoder's error is its reconstructionError");
    }
    if (p.errorMeasure() != null && "residualStd".equals(p.getErrorScaling())) {
      throw new IllegalArgumentException("errorScaling 'residualStd' scales the reconstruction error; with "
          + "variationalScore '" + p.getVariationalScore() + "' leave errorScaling at 'none'");
    }
    if (!p.getLatentLogVarCol().isEmpty() && !p.getVariational()) {
      throw new IllegalArgumentException("latentLogVarCol '" + p.getLatentLogVarCol() + "' needs a variational "
          + "model (variational = true); set it to \"\" for a plain autoencoder");
    }
    if (!p.getLatentDistanceCol().isEmpty() && p.getLatentDistanceWeight() == 0) {
      throw new IllegalArgumentException("latentDistanceCol '" + p.getLatentDistanceCol() + "' needs the latent term "
          + "of the outlier score (latentDistanceWeight > 0, fixed at fit); set latentDistanceCol to \"\"");
    }
    StructField input = VectorRows.requireVectorColumn(schema, p.getInputCol(), "inputCol");
    checkSize(input, "inputCol", inputSize);
    if (p.hasTarget()) {
      checkSize(VectorRows.requireVectorColumn(schema, p.getTargetCol(), "targetCol"), "targetCol", outputSize);
    }
    Set<String> seen = new HashSet<>();
    List<StructField> fields = new ArrayList<>(List.of(schema.fields()));
    String[][] outputs = {
        {"latentCol", p.getLatentCol()}, {"latentLogVarCol", p.getLatentLogVarCol()},
        {"reconstructionCol", p.getReconstructionCol()},
        {"errorCol", p.getErrorCol()}, {"outlierScoreCol", p.getOutlierScoreCol()},
        {"latentDistanceCol", p.getLatentDistanceCol()}, {"outlierCol", p.getOutlierCol()},
        {"featureErrorsCol", p.getFeatureErrorsCol()}, {"explanationCol", p.getExplanationCol()}};
    for (String[] out : outputs) {
      String param = out[0];
      String name = out[1];
      if (name.isEmpty()) {
        continue;
      }
      if (List.of(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException(param + " column '" + name + "' already exists in the input; "
            + "choose another name or set " + param + " to \"\" to leave it out");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(param + " column '" + name + "' is also the name of another output "
            + "column; output columns need distinct names");
      }
      fields.add(switch (param) {
        case "latentCol", "latentLogVarCol" -> vectorField(name, p.latentWidth());
        case "reconstructionCol" -> vectorField(name, outputSize);
        case "errorCol", "outlierScoreCol", "latentDistanceCol" ->
            DataTypes.createStructField(name, DataTypes.DoubleType, false);
        case "featureErrorsCol" -> vectorField(name, outputSize);
        case "explanationCol" -> DataTypes.createStructField(name, EXPLANATION, false);
        default -> DataTypes.createStructField(name, DataTypes.BooleanType, false);
      });
    }
    return DataTypes.createStructType(fields);
  }

  /** Vector width from ML attribute metadata, or -1 when the column does not declare it. */
  static int declaredSize(StructField field) {
    return field.dataType() instanceof VectorUDT ? AttributeGroup.fromStructField(field).size() : -1;
  }

  private static void checkSize(StructField field, String param, int expected) {
    int declared = declaredSize(field);
    if (expected > 0 && declared > 0 && declared != expected) {
      throw new IllegalArgumentException(param + " column '" + field.name() + "' holds vectors of size " + declared
          + " but the model expects size " + expected);
    }
  }

  private static StructField vectorField(String name, int size) {
    return size > 0 ? new AttributeGroup(name, size).toStructField()
        : DataTypes.createStructField(name, new VectorUDT(), false);
  }
}
