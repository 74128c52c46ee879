package org.sparkae.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/** A grid of grayscale images: one labelled row per kind (original, noisy, reconstructed), one column per example. */
public final class ImageGrid {
  /** Each image is drawn at least this many pixels wide, so 8x8 digits are as legible as 28x28 clothing. */
  private static final int MIN_CELL = 84;
  private static final int GAP = 4;
  private static final int LABEL_WIDTH = 110;

  private ImageGrid() {}

  /**
   * @param rows   titled rows of images, each image a row-major vector of {@code width * width} values in [0, 1]
   * @param width  side of the square images
   */
  public static byte[] png(List<String> titles, List<List<double[]>> rows, int width) throws IOException {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int scale = Math.max(1, MIN_CELL / width);
    int cell = width * scale;
    BufferedImage image = new BufferedImage(LABEL_WIDTH + columns * (cell + GAP), rows.size() * (cell + GAP) + GAP,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int r = 0; r < rows.size(); r++) {
      int top = GAP + r * (cell + GAP);
      g.drawString(titles.get(r), 6, top + cell / 2);
      List<double[]> images = rows.get(r);
      for (int c = 0; c < images.size(); c++) {
        draw(image, images.get(c), width, scale, LABEL_WIDTH + c * (cell + GAP), top);
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static void draw(BufferedImage image, double[] pixels, int width, int scale, int left, int top) {
    for (int i = 0; i < Math.min(pixels.length, width * width); i++) {
      int v = (int) Math.round(255 * Math.max(0, Math.min(1, pixels[i])));
      int rgb = (v << 16) | (v << 8) | v;
      int x = left + (i % width) * scale;
      int y = top + (i / width) * scale;
      for (int dy = 0; dy < scale; dy++) {
        for (int dx = 0; dx < scale; dx++) {
          image.setRGB(x + dx, y + dy, rgb);
        }
      }
    }
  }
}
